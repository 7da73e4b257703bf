package main

import "errors"

// A stand-in until provision.go (the planning logic) lands; delete this file then.

// provisionPlan is what cp provisions for one request.
type provisionPlan struct {
	OrgID       string
	WorkspaceID string
}

// planProvision refuses a request without the identifiers cp keys on.
func planProvision(req wsProvisionRequest) (provisionPlan, error) {
	if req.OrgID == "" || req.WorkspaceID == "" {
		return provisionPlan{}, errors.New("org_id and workspace_id are required")
	}
	return provisionPlan{OrgID: req.OrgID, WorkspaceID: req.WorkspaceID}, nil
}
