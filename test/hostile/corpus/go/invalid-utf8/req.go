package wire

// café: a Latin-1 byte in a comment
type Req struct {
	P struct {
		Items []string `json:"items"`
		Next  string   `json:"next,omitempty"`
	} `json:"p"`
}
