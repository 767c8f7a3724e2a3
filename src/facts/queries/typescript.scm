; The one query for TypeScript / JavaScript (compiled once per grammar: typescript, tsx).
; Every extractor reads the code model built from these captures; narrow in JS.
; Bare node kinds, `(kind) @name`, optionally with #match?/#eq? on their own text, are collected in
; one walk; other patterns run as a query only on files that can match them (parse/plan.ts).
(function_declaration) @function
(generator_function_declaration) @function
(function_expression) @function
(arrow_function) @function
(method_definition) @function
(class_declaration) @class
(class) @class
(call_expression) @call
(new_expression) @call
(variable_declarator) @assignment
(assignment_expression) @assignment
(public_field_definition) @assignment
(import_statement) @import
; `export default …`: which function, class or name a module's default export is.
(export_statement) @export
(catch_clause) @except
(return_statement) @return
; In-place updates (`counts[ip] += 1`, `hits[k]++`): module state mutated per request.
(augmented_assignment_expression) @augmented
(update_expression) @augmented
; Loops: which calls run once per item (code/loops.ts); iteration callbacks come from the calls.
(for_in_statement) @loop
(for_statement) @loop
(while_statement) @loop
(do_statement) @loop
; Equality comparisons; only those naming secrets are kept (code/comparisons.ts).
(binary_expression) @comparison
; Read by node id: whether a call is awaited.
(await_expression) @await
; Raises / throws: whether an except or catch block hands the caught error on (code/reraise.ts).
(throw_statement) @raise
(ERROR) @error
((string_fragment) @secret_candidate
  (#match? @secret_candidate "(^(sk-|sk_live_|rk_live_|AKIA|ASIA|ghp_|gho_|github_pat_|xox[abprs]-|AIza|whsec_|SG\\.|glpat-|hf_|gsk_|AC[0-9a-f]{32}))|([a-z][a-z0-9+.-]*://[^/:@\\s]+:[^/@\\s]+@)"))
((template_string) @secret_candidate
  (#match? @secret_candidate "[a-z][a-z0-9+.-]*://[^/:@\\s$]+:[^/@\\s$]+@"))
((string_fragment) @notable_string
  (#match? @notable_string "^([Ss]trict-[Tt]ransport-[Ss]ecurity|[Cc]ontent-[Ss]ecurity-[Pp]olicy|[Xx]-[Ff]rame-[Oo]ptions|[Xx]-[Cc]ontent-[Tt]ype-[Oo]ptions|[Rr]eferrer-[Pp]olicy|[Xx]-[Rr]equest-[Ii][Dd]|[Xx]-[Cc]orrelation-[Ii][Dd]|[Rr]equest-[Ii][Dd])$"))
; process.env.X and process.env["X"]
(member_expression object: (member_expression object: (identifier) @_p (#eq? @_p "process") property: (property_identifier) @_e (#eq? @_e "env")) property: (property_identifier) @env_key) @env_member
(subscript_expression object: (member_expression object: (identifier) @_p2 (#eq? @_p2 "process") property: (property_identifier) @_e2 (#eq? @_e2 "env")) index: (string (string_fragment) @env_key)) @env_member
; Browser capabilities read as members (navigator.onLine, navigator.serviceWorker): offline handling.
; One pattern per property, so each runs only on files containing both words (parse/plan.ts gates).
(member_expression object: (identifier) @_nav (#eq? @_nav "navigator") property: (property_identifier) @_online (#eq? @_online "onLine")) @notable_member
(member_expression object: (identifier) @_nav2 (#eq? @_nav2 "navigator") property: (property_identifier) @_sw (#eq? @_sw "serviceWorker")) @notable_member
