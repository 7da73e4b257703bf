package core

// cpProvisionRequest is the body core POSTs to the control plane (cp) to
// provision the runtime of a workspace.
type cpProvisionRequest struct {
	OrgID        string `json:"org_id"`
	WorkspaceID  string `json:"workspace_id"`
	Runtime      string `json:"runtime"`
	Template     string `json:"template,omitempty"`
	Tier         int    `json:"tier"`
	InstanceType string `json:"instance_type,omitempty"`
	DiskGB       int32  `json:"disk_gb,omitempty"`
	// Provider is the compute backend, not the LLM provider.
	Provider        string `json:"provider,omitempty"`
	DataPersistence string `json:"data_persistence,omitempty"`
	// Kind is "platform" for the org concierge, else omitted.
	Kind string `json:"kind,omitempty"`
	// Display is always sent: encoding/json never omits a struct, omitempty or not.
	Display        WorkspaceDisplayConfig `json:"display,omitempty"`
	PlatformURL    string                 `json:"platform_url"`
	Env            map[string]string      `json:"env"`
	ConfigFiles    map[string]string      `json:"config_files,omitempty"`
	TemplateAssets map[string][]byte      `json:"template_assets,omitempty"`
}

// newCPProvisionRequest fills the fields every provisioning call needs; the
// caller sets the optional ones.
func newCPProvisionRequest(orgID, workspaceID, runtime string, tier int, platformURL string) cpProvisionRequest {
	return cpProvisionRequest{
		OrgID:       orgID,
		WorkspaceID: workspaceID,
		Runtime:     runtime,
		Tier:        tier,
		PlatformURL: platformURL,
		Env:         map[string]string{},
	}
}
