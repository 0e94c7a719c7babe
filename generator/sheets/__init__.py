"""Spreadsheets in and out: the stage `spreadsheets ─import (same checks)─▶ content/*.yaml`.

Editors keep lists in Excel or WPS; `python -m generator import FILE --type TYPE` brings a sheet in,
`python -m generator template TYPE FILE.xlsx` writes an empty one to fill. Every fact about the
columns comes from the registry and the schemas, and every row goes through the same checks as a
YAML file (generator.content.validate), with messages that name the row and the column:

| module | its one job |
|---|---|
| `read.py` | a sheet's cells: .xlsx, .xls, .ods (python-calamine), .csv in UTF-8 or GBK |
| `columns.py` | the columns a record type has (from its schema) and the header row matched to them |
| `cellvalues.py` | a cell as text (`typed_text`), and text as a field's value (`value_from_text`: lists, parts, numbers, dates, 是/否) |
| `rows.py` | a row as the checks see a YAML file (`SheetRow`), and their Problems as sheet messages |
| `problems.py` | a mistake as the editor reads it: `名单.xlsx:第 12 行:C 列（所在区县）: …` |
| `ids.py` | readable, stable ids made from names (pinyin) |
| `existing.py` | the records already in content/ that an import meets |
| `yamltext.py` | a new record as the YAML an editor would write |
| `update.py` | fields of an existing YAML file changed in place, comments and order kept |
| `importer.py` | the import: rows checked together with content/, then all files written or none |
| `template.py` | the empty sheet for editors: notes, drop-downs, text columns, an example row |
"""
