; Every comment of a Go file, for doc comments (`wirepin contract from-go` turns them into descriptions).
(comment) @comment
