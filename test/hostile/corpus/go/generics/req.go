package wire

// Page is generic; Req instantiates it, so every type is known.
type Page[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next,omitempty"`
}

// Req is what the producer sends.
type Req struct {
	P Page[string] `json:"p"`
}

// Ptr has a method with a type parameter receiver, which must not confuse the reader.
func (p *Page[T]) Len() int { return len(p.Items) }
