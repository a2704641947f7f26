"""The help screen: every key the app answers to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = {
    "en": """\
# Keys

| key | where | what it does |
|---|---|---|
| ↑ ↓ / j k | everywhere | move, scroll |
| Enter | course map | open the lesson |
| t | lesson | show or hide the table of contents |
| Esc | any screen | go back |
| ? | everywhere | this help |
| q | course map | quit |
| Ctrl+Q | everywhere | quit |
| Ctrl+P | everywhere | command palette |

Press Esc to close.
""",
    "ja": """\
# キー操作

| キー | 画面 | 動作 |
|---|---|---|
| ↑ ↓ / j k | どこでも | 移動・スクロール |
| Enter | コース一覧 | レッスンを開く |
| t | レッスン | 目次の表示・非表示 |
| Esc | どこでも | 戻る |
| ? | どこでも | このヘルプ |
| q | コース一覧 | 終了 |
| Ctrl+Q | どこでも | 終了 |
| Ctrl+P | どこでも | コマンドパレット |

Esc で閉じます。
""",
}


class HelpScreen(ModalScreen[None]):
    """A modal table of keys in the app's language."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP.get(self.app.lang, HELP["en"]))
