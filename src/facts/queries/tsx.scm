; JSX patterns, appended to typescript.scm when compiling for the tsx grammar (.tsx, .jsx, .js):
; the typescript grammar has no JSX node types, so a JSX pattern would not compile there. Still one
; compiled query per grammar (parse/tree-sitter.ts joins the two files before compiling).
; Elements in document order; node/jsx.ts reads their names, attributes and children.
(jsx_element) @jsx
(jsx_self_closing_element) @jsx
