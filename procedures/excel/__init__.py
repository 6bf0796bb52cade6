"""The catalogue's Excel format (mẫu Excel danh mục thủ tục): one workbook, four data sheets.

``format`` defines the sheets, columns and accepted values once; ``template`` writes the blank
template, ``writer`` exports the catalogue in it, ``reader`` turns an upload into typed rows and
``build`` turns those rows into ``VersionData`` with every problem located by sheet, row and column."""
