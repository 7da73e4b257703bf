package main

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// provisionPath is the endpoint of contracts/provision_request.contract.json.
const provisionPath = "/cp/workspaces/provision"

// maxProvisionBody bounds the request body, in bytes.
const maxProvisionBody = 1 << 20

// wsProvisionResponse is cp's answer, as contracts/provision_response.contract.json
// describes it: status is always "accepted"; workspace_id echoes the request's.
type wsProvisionResponse struct {
	Status      string `json:"status"`
	WorkspaceID string `json:"workspace_id"`
}

// server holds what the handler checks before planning: the shared bearer
// token core sends, and each organisation's tenant admin token.
type server struct {
	secret       string
	tenantTokens map[string]string
}

// problem is the JSON body of every refusal.
type problem struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, status int, body interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func refuse(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, problem{Error: code, Message: message})
}

// equalToken compares in constant time, so a wrong token leaks no prefix.
func equalToken(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != provisionPath {
		refuse(w, http.StatusNotFound, "not_found", fmt.Sprintf("nothing is served at %q; this server answers POST %s", r.URL.Path, provisionPath))
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		refuse(w, http.StatusMethodNotAllowed, "method_not_allowed", provisionPath+" accepts POST")
		return
	}
	s.provision(w, r)
}

// provision authenticates core, decodes the body the way encoding/json does
// (unknown keys such as template_assets are dropped, see the contract's ledger),
// plans the workspace and answers 202 with the response contract's body.
func (s *server) provision(w http.ResponseWriter, r *http.Request) {
	bearer := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") || !equalToken(bearer, s.secret) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="cp"`)
		refuse(w, http.StatusUnauthorized, "unauthorized", "the Authorization header must carry the shared bearer token")
		return
	}
	tenantToken := r.Header.Get("X-Tenant-Admin-Token")
	if tenantToken == "" {
		refuse(w, http.StatusUnauthorized, "unauthorized", "the X-Tenant-Admin-Token header is missing")
		return
	}
	if mediaType := strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0]); !strings.EqualFold(mediaType, "application/json") {
		refuse(w, http.StatusUnsupportedMediaType, "unsupported_media_type", "send the body as application/json")
		return
	}
	var req wsProvisionRequest
	decoder := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxProvisionBody))
	if err := decoder.Decode(&req); err != nil {
		refuse(w, http.StatusBadRequest, "invalid_json", fmt.Sprintf("decode provision request: %v", err))
		return
	}
	if err := decoder.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		refuse(w, http.StatusBadRequest, "invalid_json", "the body holds more than one JSON value")
		return
	}
	if !equalToken(tenantToken, s.tenantTokens[req.OrgID]) {
		refuse(w, http.StatusUnauthorized, "unauthorized", fmt.Sprintf("the X-Tenant-Admin-Token is not valid for organisation %q", req.OrgID))
		return
	}
	if _, err := planProvision(req); err != nil {
		refuse(w, http.StatusBadRequest, "invalid_body", err.Error())
		return
	}
	writeJSON(w, http.StatusAccepted, wsProvisionResponse{Status: "accepted", WorkspaceID: req.WorkspaceID})
}
