"""Every word the command line prints, in English and Japanese: one `Words` table per
command group (the quiz, review, progress and lab commands keep theirs beside them)."""

from __future__ import annotations

from dltutor.lessons.words import Words

LESSONS = Words(
    "cli-lessons",
    {
        "en": {"id": "id", "title": "title", "minutes": "min", "summary": "summary"},
        "ja": {"id": "番号", "title": "タイトル", "minutes": "分", "summary": "概要"},
    },
)


INFER = Words(
    "cli-infer",
    {
        "en": {
            "model_input": "model input {w}x{h}",
            "text_and_file": "give a TEXT or --file, not both",
            "no_file": "{file}: no such file",
            "a_folder": "{file}: is a directory",
            "unreadable": "{file}: cannot read ({error})",
            "too_large": "{file}: larger than 50 MB; split it",
            "not_utf8": "{file}: not UTF-8 text",
            "empty": "{file}: the file is empty",
            "no_text": "give a TEXT, --file PATH, or pipe text on stdin",
            "long_prompt": "the prompt is too long (over 10,000 characters)",
        },
        "ja": {
            "model_input": "モデルへの入力 {w}x{h}",
            "text_and_file": "TEXT と --file はどちらか一方だけを指定してください",
            "no_file": "{file}: ファイルがありません",
            "a_folder": "{file}: フォルダーです。ファイルを指定してください",
            "unreadable": "{file}: 読み込めません（{error}）",
            "too_large": "{file}: 50 MB を超えています。分割してください",
            "not_utf8": "{file}: UTF-8 のテキストではありません",
            "empty": "{file}: ファイルが空です",
            "no_text": "TEXT か --file PATH を指定するか、標準入力から文を渡してください",
            "long_prompt": "書き出しが長すぎます（10,000 文字を超えています）",
        },
    },
)


MODELS = Words(
    "cli-models",
    {
        "en": {
            "col_model": "model",
            "col_task": "task",
            "col_metric": "test metric",
            "col_params": "params",
            "col_size": "size",
            "col_status": "status",
            "ok": "ok",
            "not_built": "not built",
            "damaged": "damaged",
            "accuracy": "accuracy {value:.2%}",
            "col_op": "op",
            "col_node": "node",
            "col_shape": "output shape",
            "no_graph": (
                "cannot read the graph in {path}: {error}; "
                "rebuild it with `dltutor models train {name}` or reinstall dltutor"
            ),
            "io": "input {input}  →  outputs {outputs}",
            "weights": (
                "learned weights in the graph: {total:,}; trainable parameters in the engine: "
                "{params:,} (ONNX keeps the recurrent biases apart, so recurrent graphs hold "
                "a few more)"
            ),
            "statistics": "; batch-norm running statistics: {n:,}",
            "data": "data: {name} — {split}; licence {licence}",
            "metrics": "metrics on that split: {metrics}",
            "labels": "labels: {labels}",
            "preprocessing": "preprocessing: {text}",
            "file": "file: {path} ({size:,} bytes, sha256 {sha}…)",
            "rebuilt": (
                "rebuilt with: {command} (engine {version}, parity max |engine − ORT| = {parity})"
            ),
            "verified": "sha256 ok, onnx.checker ok, ONNX Runtime loads it",
            "col_batch1": "batch 1 p50/p95 ms: ORT",
            "col_engine": "engine",
            "col_batch256": "batch 256 /s: ORT",
            "speedup": (
                "× = ONNX Runtime speed-up over the engine's own NumPy forward "
                "(same inputs, same process)"
            ),
            "none_installed": "no models installed: rebuild one with `dltutor models train NAME`",
            "no_bench": "cannot benchmark {name}: {error}",
            "epoch": "epoch {epoch}/{epochs} loss {loss:.4f}",
            "no_recipe": "the recipe for {name} is not available ({error})",
            "interrupted": "interrupted; nothing was written",
            "train_failed": "training {name} failed: {error}",
            "installed": "the installed models folder",
            "quick": " (quick: a smoke test, not a usable model)",
            "trained": "{name}: {metric} on {split}{note}; wrote {file} in {where}",
        },
        "ja": {
            "col_model": "モデル",
            "col_task": "タスク",
            "col_metric": "テストの評価指標",
            "col_params": "パラメータ数",
            "col_size": "サイズ",
            "col_status": "状態",
            "ok": "正常",
            "not_built": "未作成",
            "damaged": "破損",
            "accuracy": "正解率 {value:.2%}",
            "col_op": "演算",
            "col_node": "ノード",
            "col_shape": "出力の形状",
            "no_graph": (
                "{path} のグラフを読み込めません: {error}。"
                "`dltutor models train {name}` で作り直すか、dltutor を入れ直してください"
            ),
            "io": "入力 {input}  →  出力 {outputs}",
            "weights": (
                "グラフ内の学習済みの重み: {total:,} 個、エンジンで学習するパラメータ: {params:,} 個"
                "（ONNX はリカレント層のバイアスを分けて持つため、リカレント層のグラフでは"
                "少し多くなります）"
            ),
            "statistics": "、Batch Normalization の移動統計量: {n:,} 個",
            "data": "データ: {name} — {split}、ライセンス {licence}",
            "metrics": "その分割での評価指標: {metrics}",
            "labels": "ラベル: {labels}",
            "preprocessing": "前処理: {text}",
            "file": "ファイル: {path}（{size:,} バイト、sha256 {sha}…）",
            "rebuilt": (
                "作成コマンド: {command}（エンジン {version}、"
                "エンジンと ORT の差の最大値 = {parity}）"
            ),
            "verified": "sha256 正常、onnx.checker 正常、ONNX Runtime で読み込めます",
            "col_batch1": "バッチ 1 の p50/p95 ms: ORT",
            "col_engine": "エンジン",
            "col_batch256": "バッチ 256 の件数/秒: ORT",
            "speedup": (
                "× = エンジン自身の NumPy による順伝播に対する ONNX Runtime の速度比"
                "（同じ入力、同じプロセス）"
            ),
            "none_installed": (
                "モデルがインストールされていません。`dltutor models train NAME` で作成してください"
            ),
            "no_bench": "{name} のベンチマークを実行できません: {error}",
            "epoch": "エポック {epoch}/{epochs} 損失 {loss:.4f}",
            "no_recipe": "{name} の作成手順がありません（{error}）",
            "interrupted": "中断しました。何も書き出していません",
            "train_failed": "{name} の学習に失敗しました: {error}",
            "installed": "インストール済みモデルのフォルダー",
            "quick": "（quick: 動作確認用で、使えるモデルではありません）",
            "trained": "{name}: {split} で {metric}{note}。{where} に {file} を書き出しました",
        },
    },
)
