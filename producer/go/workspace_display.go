package core

// WorkspaceDisplayConfig is the virtual display of a workspace runtime.
// Width and Height are in pixels.
type WorkspaceDisplayConfig struct {
	Mode     string `json:"mode,omitempty"`
	Width    int    `json:"width,omitempty"`
	Height   int    `json:"height,omitempty"`
	Protocol string `json:"protocol,omitempty"`
}
