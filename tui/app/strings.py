"""Every word the Textual app shows, in English and Japanese: `Words` tables.

Screens look words up with `WORDS.get(lang, key, **values)` when they draw, and redraw on
the language toggle (`language_changed`), so nothing keeps a string from the old language.
The quiz's own feedback and hints come from `dltutor.lessons.quiz`, and the quiz screen's
keys and progress lines from its own `Words` table (`screens/quiz.py`), not from here.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from dltutor.lessons.words import Words

WORDS = Words(
    "app",
    {
        "en": {
            # app
            "store_error": "{error}. Progress will not be saved this time.",
            "progress": "Progress",
            "setting_failed": "Could not save the setting {key}: {error}",
            "language": "Language: English",
            "review_needs_store": (
                "Reviews need the progress store; set DLTUTOR_HOME to a writable folder."
            ),
            "nothing_due": "Nothing is due for review. Take a quiz (q in a lesson) to add cards.",
            # command palette
            "cmd_home": "Course map",
            "cmd_home_help": "the list of lessons",
            "cmd_review": "Review due questions",
            "cmd_review_help": "spaced-repetition review",
            "cmd_models": "Model playground",
            "cmd_models_help": "classify images and text, generate text",
            "cmd_inspect": "Model inspector",
            "cmd_inspect_help": "the ONNX graph and the model card",
            "cmd_help": "Help: keys",
            "cmd_help_help": "every key",
            "cmd_lang": "Toggle language en/ja",
            "cmd_lang_help": "English ↔ 日本語",
            "cmd_theme": "Toggle dark/light theme",
            "cmd_theme_help": "remembered for next time",
            "cmd_quiz_all": "Quiz: whole course",
            "cmd_quiz_all_help": "10 questions from every lesson",
            "cmd_lesson": "Lesson {id}: {title}",
            "cmd_quiz": "Quiz {id}: {title}",
            "cmd_quiz_help": "10 questions",
            "cmd_lab": "Lab {lab}",
            "cmd_lab_help": "from lesson {id}",
            # home
            "home_intro": "Enter opens a lesson · c continue · r review · m models · L 日本語 · ? help",
            "home_continue": "Continue: {title}",
            "home_start": "Start here: {title}",
            "home_due": "{n} review(s) due — press r",
            "home_none_due": "no reviews due",
            "home_done": "{done}/{total} read",
            "minutes": "min",
            # lesson
            "lesson_finished": "Lesson finished ✓ — press q for its quiz",
            "lesson_no_lab": "This lesson has no lab.",
            "picker_title": "Which lab? (Enter to open, Esc to cancel)",
            # lab
            "lab_run": "Run",
            "lab_stop": "Stop",
            "lab_seed": "seed",
            "lab_ready": "Set the knobs, then press Ctrl+R (or Run).",
            "lab_running": "running… step {step}/{total}",
            "lab_done": "finished: step {step}/{total} · saved to progress",
            "lab_stopped": "stopped at step {step}/{total}",
            "lab_stopping": "stopping after this step…",
            "lab_failed": "the run failed: {error}",
            "lab_current": "This run",
            "lab_previous": "Previous run ({knobs})",
            "lab_defaults": "defaults",
            "lab_nothing": "No run yet.",
            "lab_cannot_load": "The labs cannot load: {error}",
            "lab_unknown": "{error}. Try another lab from the lesson.",
            "lab_unavailable": (
                "Lab {lab} is not available in this version; try the lesson's other labs "
                "or `dltutor lab --help`."
            ),
            "lab_bad_seed": "The seed must be a whole number, got {value!r}.",
            # quiz
            "quiz": "Quiz",
            "review": "Review",
            # models
            "models_title": "models",
            "models_inspect_title": "inspect a model",
            "models_help": "Enter: try the model · i: inspect its graph and card · Esc: back",
            "task_images": "images",
            "task_sentiment": "sentiment",
            "task_generation": "generation",
            "ready": "ready",
            "missing": "missing",
            "missing_model": (
                "The model {name} is not installed here. Build it with "
                "`dltutor models train {name}` (it writes models_onnx/), or reinstall dltutor "
                "to get the shipped models."
            ),
            # playground
            "provider": "provider",
            "image_file": "image file (Enter) · Ctrl+O browse",
            "image_placeholder": "path/to/image.png",
            "draw_digit": "draw a digit: Tab here, arrows move, space inks, c clears",
            "sentence": "a sentence (classified as you type)",
            "sentence_placeholder": "a wonderful, moving film",
            "prompt": "prompt (Enter generates)",
            "temperature": "temperature (0.1 calm … 2 wild)",
            "length": "length",
            "gen_seed": "seed (empty: new each time)",
            "intro_image": "Type an image path and press Enter, or Ctrl+O to browse the bundled samples.",
            "intro_digits": (
                "Draw a digit on the grid (Tab to it, arrows and space), or type an image path "
                "and press Enter."
            ),
            "intro_text": "Type a sentence: its sentiment appears as you type.",
            "intro_generate": "Press Enter in the prompt to stream generated characters.",
            "model_input": "model input {h}×{w}",
            "original": "original",
            "note": "note: {note}",
            "unknown_words": "{unknown} of {tokens} words not in the vocabulary",
            "latency": "latency {ms:.1f} ms · provider {provider}",
            "generating": "generating… {n} characters",
            "generated": "{n} characters · temperature {temperature:g} · seed {seed}",
            "bad_numbers": "Temperature is a number above 0, length and seed are whole numbers.",
            "bad_range": "Temperature must be above 0 and length at least 1.",
            # inspector
            "inspector_title": "{name} · graph and card",
            "col_op": "op",
            "col_output": "output",
            "col_shape": "shape",
            "col_params": "params",
            "reading_graph": "Reading the graph…",
            "graph_summary": "{nodes} nodes · {params:,} trainable parameters",
            "graph_stats": " (+{stats:,} batch-norm statistics)",
            "card_matches": " · the card says {card:,} ✓",
            "card_differs": " · the card says {card:,} ✗",
            "card_task": "task",
            "card_summary": "summary",
            "card_labels": "labels",
            "card_dataset": "data set",
            "card_metrics": "metrics",
            "card_params": "parameters",
            "card_bytes": "file size",
            "card_preprocessing": "input",
            "card_command": "rebuilt by",
            "in_all": "{n} in all",
        },
        "ja": {
            "store_error": "{error}。今回は進捗が保存されません。",
            "progress": "進捗",
            "setting_failed": "設定 {key} を保存できませんでした: {error}",
            "language": "言語: 日本語",
            "review_needs_store": (
                "復習には進捗の保存先が必要です。DLTUTOR_HOME に書き込めるフォルダーを指定してください。"
            ),
            "nothing_due": "復習する問題はありません。レッスンで q を押してクイズに挑戦しましょう。",
            "cmd_home": "コース一覧",
            "cmd_home_help": "レッスンの一覧",
            "cmd_review": "復習（期限の来た問題）",
            "cmd_review_help": "間隔反復による復習",
            "cmd_models": "モデルを試す",
            "cmd_models_help": "画像・文の分類とテキスト生成",
            "cmd_inspect": "モデルの中身を見る",
            "cmd_inspect_help": "ONNX グラフとモデルカード",
            "cmd_help": "ヘルプ：キー操作",
            "cmd_help_help": "すべてのキー",
            "cmd_lang": "言語の切り替え en/ja",
            "cmd_lang_help": "English ↔ 日本語",
            "cmd_theme": "テーマの切り替え（ダーク／ライト）",
            "cmd_theme_help": "次回も同じテーマで開きます",
            "cmd_quiz_all": "クイズ：コース全体",
            "cmd_quiz_all_help": "全レッスンから 10 問",
            "cmd_lesson": "レッスン {id}：{title}",
            "cmd_quiz": "クイズ {id}：{title}",
            "cmd_quiz_help": "10 問",
            "cmd_lab": "ラボ {lab}",
            "cmd_lab_help": "レッスン {id} のラボ",
            "home_intro": "Enter で開く · c 続きから · r 復習 · m モデル · L English · ? ヘルプ",
            "home_continue": "続きから：{title}",
            "home_start": "ここから：{title}",
            "home_due": "復習 {n} 問 — r で開始",
            "home_none_due": "復習なし",
            "home_done": "{done}/{total} 読了",
            "minutes": "分",
            "lesson_finished": "レッスンを読み終えました ✓ — q でクイズに進めます",
            "lesson_no_lab": "このレッスンにはラボがありません。",
            "picker_title": "どのラボを開きますか？（Enter で開く、Esc で戻る）",
            "lab_run": "実行",
            "lab_stop": "停止",
            "lab_seed": "乱数シード",
            "lab_ready": "設定を選んで Ctrl+R（または「実行」）を押してください。",
            "lab_running": "実行中… ステップ {step}/{total}",
            "lab_done": "完了: ステップ {step}/{total} · 進捗に保存しました",
            "lab_stopped": "ステップ {step}/{total} で停止しました",
            "lab_stopping": "このステップが終わったら停止します…",
            "lab_failed": "実行に失敗しました: {error}",
            "lab_current": "今回の実行",
            "lab_previous": "前回の実行（{knobs}）",
            "lab_defaults": "既定値",
            "lab_nothing": "まだ実行していません。",
            "lab_cannot_load": "ラボを読み込めません: {error}",
            "lab_unknown": "{error}。レッスンの別のラボを試してください。",
            "lab_unavailable": (
                "ラボ {lab} はこのバージョンでは使えません。レッスンの別のラボか "
                "`dltutor lab --help` を試してください。"
            ),
            "lab_bad_seed": "乱数シードは整数で指定してください（入力: {value!r}）。",
            "quiz": "クイズ",
            "review": "復習",
            "models_title": "モデル",
            "models_inspect_title": "モデルの中身",
            "models_help": "Enter: モデルを試す · i: グラフとカードを見る · Esc: 戻る",
            "task_images": "画像分類",
            "task_sentiment": "感情分析",
            "task_generation": "文章生成",
            "ready": "利用可",
            "missing": "未導入",
            "missing_model": (
                "モデル {name} はインストールされていません。`dltutor models train {name}` で"
                "作成する（models_onnx/ に書き出されます）か、dltutor を入れ直すと同梱モデルが"
                "使えます。"
            ),
            "provider": "実行プロバイダー",
            "image_file": "画像ファイル（Enter）· Ctrl+O で選択",
            "image_placeholder": "path/to/image.png",
            "draw_digit": "数字を描く: Tab で移動し、矢印で動かし、Space で塗り、c で消去",
            "sentence": "英文（入力するたびに分類します）",
            "sentence_placeholder": "a wonderful, moving film",
            "prompt": "書き出し（Enter で生成）",
            "temperature": "温度（0.1 控えめ … 2 大胆）",
            "length": "文字数",
            "gen_seed": "乱数シード（空欄なら毎回変わる）",
            "intro_image": (
                "画像のパスを入力して Enter を押すか、Ctrl+O で同梱のサンプルから選んでください。"
            ),
            "intro_digits": (
                "左のマス目に数字を描く（Tab で移動し、矢印と Space で描く）か、画像のパスを"
                "入力して Enter を押してください。"
            ),
            "intro_text": "英文を入力してください。入力するたびに感情（肯定・否定）を判定します。",
            "intro_generate": "書き出しの欄で Enter を押すと、生成した文字が順に表示されます。",
            "model_input": "モデルへの入力 {h}×{w}",
            "original": "元の画像",
            "note": "注: {note}",
            "unknown_words": "{tokens} 語のうち {unknown} 語は語彙にありません",
            "latency": "推論時間 {ms:.1f} ms · プロバイダー {provider}",
            "generating": "生成中… {n} 文字",
            "generated": "{n} 文字 · 温度 {temperature:g} · 乱数シード {seed}",
            "bad_numbers": "温度は 0 より大きい数、文字数と乱数シードは整数で指定してください。",
            "bad_range": "温度は 0 より大きく、文字数は 1 以上にしてください。",
            "inspector_title": "{name} · グラフとカード",
            "col_op": "演算",
            "col_output": "出力",
            "col_shape": "形状",
            "col_params": "パラメータ数",
            "reading_graph": "グラフを読み込んでいます…",
            "graph_summary": "ノード {nodes} 個 · 学習するパラメータ {params:,} 個",
            "graph_stats": "（ほかに Batch Normalization の統計量 {stats:,} 個）",
            "card_matches": " · カードの値 {card:,} と一致 ✓",
            "card_differs": " · カードの値 {card:,} と不一致 ✗",
            "card_task": "タスク",
            "card_summary": "概要",
            "card_labels": "ラベル",
            "card_dataset": "データセット",
            "card_metrics": "評価指標",
            "card_params": "パラメータ数",
            "card_bytes": "ファイルサイズ",
            "card_preprocessing": "入力",
            "card_command": "再作成のコマンド",
            "in_all": "全 {n} 個",
        },
    },
)

# The help screen's table of keys, one Markdown document per language.
HELP = Words(
    "app-help",
    {
        "en": {
            "keys": """\
# Keys

| key | where | what it does |
|---|---|---|
| ↑ ↓ / j k | everywhere | move, scroll |
| Tab / Shift+Tab | everywhere | next / previous field |
| Enter | course map | open the lesson |
| c | course map | continue where you left off |
| r | course map | review the questions that are due |
| m | course map | model playground |
| L | course map, lesson, lab, models | English ↔ 日本語 (remembered) |
| t | course map | dark ↔ light theme (remembered) |
| t | lesson | show or hide the table of contents |
| Space / PgDn | lesson | next page |
| l | lesson | open the lesson's lab (a list when it has several) |
| q | lesson | take the lesson's quiz |
| x | course map, lesson | exercises (from a lesson: its own) |
| c | lesson | go to the next code block |
| r / a | code block | run it / run every block up to it (one Python process per lesson) |
| e / z | code block | edit a copy in $EDITOR and run it / back to the lesson's code |
| s | code block | stop the running block |
| R | lesson | restart the lesson's Python process |
| c / Enter, e, h, s | exercises | check your file, edit it in $VISUAL/$EDITOR, next hint, stop a check |
| a b c … / 1 2 3 … | quiz | answer (single choice) or toggle (multiple choice) |
| a b c … then Enter | quiz, order | give the order; Backspace undoes |
| digits then Enter | quiz, number | type the number |
| Enter | quiz feedback | next question |
| g | quiz feedback | read the tested section again |
| Ctrl+R | lab | run the lab with the knobs shown |
| Ctrl+X | lab | stop the run |
| Ctrl+O | model playground | open an image file |
| Tab, arrows, Space, x, c | digit canvas | move to it, move, ink, erase, clear |
| Enter | generation | generate; the same seed gives the same text |
| Enter | model list | try the model |
| i | model list | inspect the model (graph and card) |
| Esc | any screen | go back |
| ? | everywhere | this help |
| q | course map | quit |
| Ctrl+Q | everywhere | quit |
| Ctrl+P | everywhere | command palette: screens, lessons, quizzes, labs |

Press Esc to close.
"""
        },
        "ja": {
            "keys": """\
# キー操作

| キー | 画面 | 動作 |
|---|---|---|
| ↑ ↓ / j k | どこでも | 移動・スクロール |
| Tab / Shift+Tab | どこでも | 次／前の入力欄 |
| Enter | コース一覧 | レッスンを開く |
| c | コース一覧 | 続きから読む |
| r | コース一覧 | 期限の来た問題を復習 |
| m | コース一覧 | モデルを試す |
| L | コース一覧・レッスン・ラボ・モデル | English ↔ 日本語（保存されます） |
| t | コース一覧 | ダーク ↔ ライトテーマ（保存されます） |
| t | レッスン | 目次の表示・非表示 |
| Space / PgDn | レッスン | 次のページ |
| l | レッスン | レッスンのラボを開く（複数なら一覧） |
| q | レッスン | レッスンのクイズ |
| x | コース一覧・レッスン | 演習（レッスンからはそのレッスンの演習） |
| c | レッスン | 次のコードブロックへ移動 |
| r / a | コードブロック | 実行／ここまでのブロックをすべて実行（レッスンごとに 1 つの Python プロセス） |
| e / z | コードブロック | コピーを $EDITOR で編集して実行／レッスンのコードに戻す |
| s | コードブロック | 実行中のブロックを停止 |
| R | レッスン | レッスンの Python プロセスを再起動 |
| c / Enter、e、h、s | 演習 | ファイルをチェック、$VISUAL/$EDITOR で編集、次のヒント、チェックを中止 |
| a b c … / 1 2 3 … | クイズ | 回答（単一選択）・選択の切り替え（複数選択） |
| a b c … → Enter | クイズ（並べ替え） | 順に押して Enter、Backspace で 1 つ戻す |
| 数字 → Enter | クイズ（数値） | 数値を入力して回答 |
| Enter | クイズの解説 | 次の問題 |
| g | クイズの解説 | 出題箇所を読み直す |
| Ctrl+R | ラボ | 表示中の設定で実行 |
| Ctrl+X | ラボ | 実行を止める |
| Ctrl+O | モデルを試す | 画像ファイルを開く |
| Tab・矢印・Space・x・c | 数字のキャンバス | 移動・カーソル移動・塗る・消す・全消去 |
| Enter | 文章生成 | 生成（同じ乱数シードなら同じ文章） |
| Enter | モデル一覧 | モデルを試す |
| i | モデル一覧 | モデルの中身（グラフとカード） |
| Esc | どの画面でも | 戻る |
| ? | どこでも | このヘルプ |
| q | コース一覧 | 終了 |
| Ctrl+Q | どこでも | 終了 |
| Ctrl+P | どこでも | コマンドパレット：画面・レッスン・クイズ・ラボ |

Esc で閉じます。
"""
        },
    },
)

# Footer descriptions of key bindings, keyed by the English description in the code.
# "Language" names the language a press switches to.
BINDING_WORDS = Words(
    "app-bindings",
    {
        "en": {
            "Quit": "Quit",
            "Continue": "Continue",
            "Review": "Review",
            "Models": "Models",
            "Theme": "Theme",
            "Down": "Down",
            "Up": "Up",
            "Left": "Left",
            "Right": "Right",
            "Back": "Back",
            "Contents": "Contents",
            "Lab": "Lab",
            "Quiz": "Quiz",
            "Page": "Page",
            "Run": "Run",
            "Stop": "Stop",
            "Leave": "Leave",
            "Read section": "Read section",
            "Inspect": "Inspect",
            "Open file": "Open file",
            "Cancel": "Cancel",
            "Close": "Close",
            "Help": "Help",
            "palette": "palette",
            "Ink": "Ink",
            "Erase": "Erase",
            "Clear": "Clear",
            "Exercises": "Exercises",
            "Check": "Check",
            "Edit": "Edit",
            "Hint": "Hint",
            "Run to here": "Run to here",
            "Code": "Code",
            "Reset": "Reset",
            "Restart": "Restart",
            "Language": "日本語",
        },
        "ja": {
            "Quit": "終了",
            "Continue": "続き",
            "Review": "復習",
            "Models": "モデル",
            "Theme": "テーマ",
            "Down": "下へ",
            "Up": "上へ",
            "Left": "左へ",
            "Right": "右へ",
            "Back": "戻る",
            "Contents": "目次",
            "Lab": "ラボ",
            "Quiz": "クイズ",
            "Page": "次のページ",
            "Run": "実行",
            "Stop": "停止",
            "Leave": "終了",
            "Read section": "読み直す",
            "Inspect": "中身を見る",
            "Open file": "ファイルを開く",
            "Cancel": "キャンセル",
            "Close": "閉じる",
            "Help": "ヘルプ",
            "palette": "コマンド",
            "Ink": "塗る",
            "Erase": "消す",
            "Clear": "全消去",
            "Exercises": "演習",
            "Check": "チェック",
            "Edit": "編集",
            "Hint": "ヒント",
            "Run to here": "ここまで実行",
            "Code": "コード",
            "Reset": "元に戻す",
            "Restart": "再起動",
            "Language": "English",
        },
    },
)


# What the quiz screen calls until it uses `WORDS` directly.
tr = WORDS.get
words_for = WORDS.of


def one_line(error: BaseException) -> str:
    """An error as the learner sees it: its first line, or its type when it says nothing."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def localize_bindings(node: Any, lang: str) -> None:
    """Rewrite the footer descriptions of `node`'s own bindings in `lang`.

    Textual reads descriptions from each node's bindings map, so replacing the (frozen)
    bindings there relabels the footer without touching the classes' BINDINGS. The English
    description each binding was written with is kept on the node: two keys may share a
    translation ("Quit" and "Leave" are both 終了), so it cannot be read back.
    """
    english: dict[tuple[str, str], str] = node.__dict__.setdefault("_binding_english", {})
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            dataclasses.replace(b, description=BINDING_WORDS.get(lang, written))
            if (written := english.setdefault((key, b.action), b.description)) in BINDING_WORDS
            else b
            for b in bindings
        ]
