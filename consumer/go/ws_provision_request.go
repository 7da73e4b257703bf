package main

// Only the wire structs live here, the types `wirepin consumes` reads (so
// findings point at these lines). server.go serves them over HTTP (routing,
// credentials, the answer the response contract describes), main.go starts
// it, and planProvision (provision.go) turns a decoded request into a plan;
// the standard library is all it needs.

// wsProvisionRequest is what cp decodes from core's provisioning call.
// It has no template_assets field: encoding/json drops that key on decode,
// and cp falls back to config_files (see the contract's ledger note).
type wsProvisionRequest struct {
	OrgID        string `json:"org_id"`
	WorkspaceID  string `json:"workspace_id"`
	Runtime      string `json:"runtime"`
	Template     string `json:"template,omitempty"`
	Tier         int    `json:"tier"`
	InstanceType string `json:"instance_type,omitempty"`
	DiskGB       int32  `json:"disk_gb,omitempty"`
	// Provider is the compute backend, not the LLM provider.
	Provider        string            `json:"provider,omitempty"`
	DataPersistence string            `json:"data_persistence,omitempty"`
	Kind            string            `json:"kind,omitempty"`
	Display         wsDisplay         `json:"display,omitempty"`
	PlatformURL     string            `json:"platform_url"`
	Env             map[string]string `json:"env"`
	ConfigFiles     map[string]string `json:"config_files,omitempty"`
}

// wsDisplay is the display section of wsProvisionRequest; sizes in pixels.
type wsDisplay struct {
	Mode     string `json:"mode,omitempty"`
	Width    int    `json:"width,omitempty"`
	Height   int    `json:"height,omitempty"`
	Protocol string `json:"protocol,omitempty"`
}
