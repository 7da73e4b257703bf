package cp

import (
	"encoding/json"
	"fmt"
	"net/http"
)

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

// handleProvision decodes a provisioning request and rejects it when the
// identifiers are missing.
func handleProvision(w http.ResponseWriter, r *http.Request) {
	var req wsProvisionRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, fmt.Sprintf("decode provision request: %v", err), http.StatusBadRequest)
		return
	}
	if req.OrgID == "" || req.WorkspaceID == "" {
		http.Error(w, "org_id and workspace_id are required", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
