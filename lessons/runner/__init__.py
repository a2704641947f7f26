"""Running a lesson's Python blocks like notebook cells.

`blocks` finds the blocks and the `# -> value` expectations written beside them, `expect`
compares what a block printed with what the lesson says it prints, `kernel` keeps one child
process per lesson in which the blocks share a namespace (the app never runs lesson or
learner code itself), `edits` keeps a learner's edited copies, and `notebook` turns a lesson
into a Jupyter notebook.
"""
