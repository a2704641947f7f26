"""The quiz's own words (prompts, hints, feedback) in English and Japanese."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "hint_single": {
        "en": "Type a letter (a-{last}) or its number.",
        "ja": "記号（a〜{last}）か番号を入力してください。",
    },
    "hint_multi": {
        "en": "Type every right letter, separated by commas (e.g. a,c).",
        "ja": "正しいものをすべて、カンマ区切りで入力してください（例：a,c）。",
    },
    "hint_order": {
        "en": "Type all letters in the right order, separated by commas (e.g. c,a,b).",
        "ja": "すべての記号を正しい順に、カンマ区切りで入力してください（例：c,a,b）。",
    },
    "hint_numeric": {"en": "Type a number.", "ja": "数値を入力してください。"},
    "hint_text": {
        "en": "Type the word or phrase (ASCII).",
        "ja": "語句を半角英数字で入力してください。",
    },
    "empty": {"en": "No answer given.", "ja": "答えが入力されていません。"},
    "one_choice": {"en": "Pick exactly one choice.", "ja": "選択肢を 1 つだけ選んでください。"},
    "repeated": {"en": "A choice is listed twice.", "ja": "同じ選択肢が 2 回入力されています。"},
    "order_all": {
        "en": "List all {n} choices, each once.",
        "ja": "{n} 個の選択肢をすべて 1 回ずつ並べてください。",
    },
    "bad_choice": {
        "en": "{token!r} is not one of the choices.",
        "ja": "{token!r} は選択肢にありません。",
    },
    "bad_number": {"en": "{text!r} is not a number.", "ja": "{text!r} は数値として読めません。"},
    "correct": {"en": "Correct.", "ja": "正解です。"},
    "wrong": {"en": "Not quite.", "ja": "不正解です。"},
    "skipped": {"en": "No answer read.", "ja": "答えを読み取れませんでした。"},
    "answer_is": {"en": "The answer: {answer}", "ja": "正解：{answer}"},
    "multi_right": {"en": "right picks: {x}", "ja": "正しく選べたもの：{x}"},
    "multi_wrong": {"en": "wrong picks: {x}", "ja": "誤って選んだもの：{x}"},
    "multi_missed": {"en": "missed: {x}", "ja": "選び漏れ：{x}"},
    "order_positions": {
        "en": "positions in the right place: {x} of {n}",
        "ja": "正しい位置にあったもの：{n} 個中 {x} 個",
    },
    "numeric_off": {
        "en": "you gave {given}, off by {error}",
        "ja": "あなたの答え {given}（差 {error}）",
    },
    "tolerance": {"en": " (within ±{tol})", "ja": "（許容誤差 ±{tol}）"},
    "see_section": {
        "en": "Read again: lesson {lesson}, “{title}”",
        "ja": "復習：レッスン {lesson}「{title}」",
    },
    "see_section_cmd": {"en": " — dltutor read {lesson}", "ja": " — dltutor read {lesson}"},
    "none": {"en": "none", "ja": "なし"},
}


def t(key: str, lang: str = "en", **values: object) -> str:
    table = STRINGS[key]
    return (table.get(lang) or table["en"]).format(**values)
