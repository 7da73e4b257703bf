; Package-level declarations the Go extractor indexes, one capture per declaration.
; Anchored at source_file so that types declared inside function bodies are not indexed.

(source_file (package_clause (package_identifier) @package))

(source_file (import_declaration (import_spec) @import))
(source_file (import_declaration (import_spec_list (import_spec) @import)))

(source_file (type_declaration (type_spec) @type))
(source_file (type_declaration (type_alias) @type))

(source_file (method_declaration) @method)
