; The one query for Python. Every extractor reads the code model built from these captures, so
; adding a check never adds a tree walk. Keep captures broad; narrow in JS.
; Bare node kinds, `(kind) @name`, optionally with #match?/#eq? on their own text, are collected in
; one walk; other patterns run as a query only on files that can match them (parse/plan.ts).
(function_definition) @function
(class_definition) @class
(call) @call
(assignment) @assignment
(import_statement) @import
(import_from_statement) @import
(except_clause) @except
(return_statement) @return
; In-place updates (`counts[ip] += 1`, `hits[k]++`): module state mutated per request.
(augmented_assignment) @augmented
; Loops and comprehensions: which calls run once per item (code/loops.ts).
(for_statement) @loop
(while_statement) @loop
(list_comprehension) @loop
(set_comprehension) @loop
(dictionary_comprehension) @loop
(generator_expression) @loop
; Equality comparisons; only those naming secrets are kept (code/comparisons.ts).
(comparison_operator) @comparison
; `if __name__ == "__main__":` guards are told apart in JS (python/model.ts): as a pattern with
; `#eq? "__name__"` it would run the structured query on most files (`getLogger(__name__)`).
(if_statement) @if
; Read by node id: the decorators of a definition, and whether a call is awaited.
(decorated_definition) @decorated
(await) @await
; Raises / throws: whether an except or catch block hands the caught error on (code/reraise.ts).
(raise_statement) @raise
(ERROR) @error
; Literals that look like credentials: provider key prefixes or URLs with user:password.
((string_content) @secret_candidate
  (#match? @secret_candidate "(^(sk-|sk_live_|rk_live_|AKIA|ASIA|ghp_|gho_|github_pat_|xox[abprs]-|AIza|whsec_|SG\\.|glpat-|hf_|gsk_|AC[0-9a-f]{32}))|([a-z][a-z0-9+.-]*://[^/:@\\s]+:[^/@\\s]+@)"))
((string_content) @notable_string
  (#match? @notable_string "^([Ss]trict-[Tt]ransport-[Ss]ecurity|[Cc]ontent-[Ss]ecurity-[Pp]olicy|[Xx]-[Ff]rame-[Oo]ptions|[Xx]-[Cc]ontent-[Tt]ype-[Oo]ptions|[Rr]eferrer-[Pp]olicy|[Xx]-[Rr]equest-[Ii][Dd]|[Xx]-[Cc]orrelation-[Ii][Dd]|[Rr]equest-[Ii][Dd])$"))
; os.environ["X"]: environment reads that are not calls.
(subscript value: (attribute) @_env_obj (#match? @_env_obj "environ$") subscript: (string (string_content) @env_key)) @env_subscript
