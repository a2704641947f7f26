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
| Tab / Shift+Tab | everywhere | next / previous field |
| Enter | course map | open the lesson |
| c | course map | continue where you left off |
| r | course map | review the questions that are due |
| m | course map | model playground |
| L | course map, lesson | English ↔ 日本語 (remembered) |
| t | course map | dark ↔ light theme (remembered) |
| t | lesson | show or hide the table of contents |
| Space / PgDn | lesson | next page |
| l | lesson | open the lesson's lab (a list when it has several) |
| q | lesson | take the lesson's quiz |
| a b c … | quiz | answer (single choice) or toggle (multiple choice) |
| a b c … then Enter | quiz, order | give the order; Backspace undoes |
| digits then Enter | quiz, number | type the number |
| Enter | quiz feedback | next question |
| g | quiz feedback | read the tested section again |
| Ctrl+R | lab | run the lab with the knobs shown |
| Ctrl+X | lab | stop the run |
| Ctrl+O | model playground | open an image file |
| Enter | model list | try the model |
| i | model list | inspect the model (graph and card) |
| Esc | any screen | go back |
| ? | everywhere | this help |
| q | course map | quit |
| Ctrl+Q | everywhere | quit |
| Ctrl+P | everywhere | command palette: screens, lessons, quizzes, labs |

Press Esc to close.
""",
    "ja": """\
# キー操作

| キー | 画面 | 動作 |
|---|---|---|
| ↑ ↓ / j k | どこでも | 移動・スクロール |
| Tab / Shift+Tab | どこでも | 次／前の入力欄 |
| Enter | コース一覧 | レッスンを開く |
| c | コース一覧 | 続きから読む |
| r | コース一覧 | 期限の来た問題を復習 |
| m | コース一覧 | モデルで遊ぶ |
| L | コース一覧・レッスン | English ↔ 日本語（保存されます） |
| t | コース一覧 | ダーク ↔ ライトテーマ（保存されます） |
| t | レッスン | 目次の表示・非表示 |
| Space / PgDn | レッスン | 次のページ |
| l | レッスン | レッスンのラボを開く（複数なら一覧） |
| q | レッスン | レッスンのクイズ |
| a b c … | クイズ | 回答（単一選択）・選択の切り替え（複数選択） |
| a b c … → Enter | クイズ（並べ替え） | 順番に押して回答、Backspace で戻す |
| 数字 → Enter | クイズ（数値） | 数値で回答 |
| Enter | クイズの解説 | 次の問題 |
| g | クイズの解説 | 出題箇所を読み直す |
| Ctrl+R | ラボ | 表示中の設定で実行 |
| Ctrl+X | ラボ | 実行を止める |
| Ctrl+O | モデル | 画像ファイルを開く |
| Enter | モデル一覧 | モデルを試す |
| i | モデル一覧 | モデルの中身（グラフとカード） |
| Esc | どこでも | 戻る |
| ? | どこでも | このヘルプ |
| q | コース一覧 | 終了 |
| Ctrl+Q | どこでも | 終了 |
| Ctrl+P | どこでも | コマンドパレット：画面・レッスン・クイズ・ラボ |

Esc で閉じます。
""",
}


class HelpScreen(ModalScreen[None]):
    """A modal table of keys in the app's language."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP.get(self.app.lang, HELP["en"]))
