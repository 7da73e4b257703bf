package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// provisionPlan is what cp provisions for one request: the instance, its
// disk, its display and the files and environment written into it.
type provisionPlan struct {
	Key          string
	Org          string
	Image        string
	Template     string
	InstanceType string
	DiskGB       int32
	Provider     string
	Persistence  string
	Platform     bool
	Display      displayPlan
	CallbackURL  string
	Env          []string
	Files        []planFile
}

type displayPlan struct {
	Mode     string
	Size     string
	Protocol string
}

type planFile struct {
	Path    string
	Content string
}

// tierDefaults are the instance type and disk size (GiB) a tier gets when
// the request leaves them out.
var tierDefaults = map[int]struct {
	instanceType string
	diskGB       int32
}{
	1: {"small", 20},
	2: {"medium", 50},
	3: {"large", 200},
}

// decodeProvision decodes a provisioning body and plans it.
func decodeProvision(body []byte) (provisionPlan, error) {
	var req wsProvisionRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return provisionPlan{}, fmt.Errorf("decode provision request: %w", err)
	}
	return planProvision(req)
}

// planProvision validates a decoded request and builds its provisioning
// plan. Every field the contract marks consumed is read here.
func planProvision(req wsProvisionRequest) (provisionPlan, error) {
	if req.OrgID == "" || req.WorkspaceID == "" {
		return provisionPlan{}, errors.New("org_id and workspace_id are required")
	}
	if req.Runtime == "" {
		return provisionPlan{}, errors.New("runtime is required")
	}
	defaults, ok := tierDefaults[req.Tier]
	if !ok {
		return provisionPlan{}, fmt.Errorf("unknown tier %d", req.Tier)
	}
	plan := provisionPlan{
		Key:          req.OrgID + "/" + req.WorkspaceID,
		Org:          req.OrgID,
		Image:        "runtime/" + req.Runtime,
		Template:     req.Template,
		InstanceType: defaults.instanceType,
		DiskGB:       defaults.diskGB,
		Provider:     "default",
		Persistence:  "ephemeral",
		Platform:     req.Kind == "platform",
		Display:      planDisplay(req.Display),
		CallbackURL:  strings.TrimSuffix(req.PlatformURL, "/"),
	}
	if req.InstanceType != "" {
		plan.InstanceType = req.InstanceType
	}
	if req.DiskGB > 0 {
		plan.DiskGB = req.DiskGB
	}
	if req.Provider != "" {
		plan.Provider = req.Provider
	}
	if req.DataPersistence != "" {
		plan.Persistence = req.DataPersistence
	}
	plan.Env = environment(req.Env)
	for _, path := range sortedKeys(req.ConfigFiles) {
		plan.Files = append(plan.Files, planFile{Path: path, Content: req.ConfigFiles[path]})
	}
	return plan, nil
}

// planDisplay turns the display section into the settings the display
// server is started with; sizes in pixels.
func planDisplay(d wsDisplay) displayPlan {
	plan := displayPlan{Mode: d.Mode, Protocol: d.Protocol}
	if d.Width > 0 && d.Height > 0 {
		plan.Size = fmt.Sprintf("%dx%d", d.Width, d.Height)
	}
	return plan
}

// environment lists the variables as NAME=value, sorted by name.
func environment(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for _, name := range sortedKeys(env) {
		out = append(out, name+"="+env[name])
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
