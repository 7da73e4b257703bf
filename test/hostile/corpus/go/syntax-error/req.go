package wire

// Req is missing the closing back-quote of its tag and the closing brace.
type Req struct {
	P Page `json:"p"
