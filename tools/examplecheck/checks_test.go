package examplecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
)

// finish checks what the written steps left, then destroys it: the plan
// after each apply is empty; no two resources manage one object (after
// `query -generate-config-out`, the state holds every object at the
// emulator, once); destroy empties each state; the emulator then holds
// nothing the steps did not find there.
func (s *session) finish() {
	if len(s.applied) == 0 {
		s.t.Fatal("the steps apply nothing: an example must say how it is applied")
	}
	ctx, cancel := context.WithTimeout(s.t.Context(), 10*time.Minute)
	defer cancel()
	for _, a := range s.applied {
		changes, err := s.tf(a.dir).Plan(ctx, options[tfexec.PlanOption](s, a.varFiles)...)
		if err != nil || changes {
			s.t.Fatalf("the plan after apply (in %s) is not empty (changes %v, error %v)", a.dir, changes, err)
		}
	}
	managed := s.managed(ctx)
	if s.fromList {
		if want := s.objects(); !maps.Equal(managed, want) {
			s.t.Errorf("after `query -generate-config-out` and apply the state manages %s; the emulator holds %s: one resource per object",
				keys(managed), keys(want))
		}
	}
	for i := len(s.applied) - 1; i >= 0; i-- {
		a := s.applied[i]
		tf := s.tf(a.dir)
		if err := tf.Destroy(ctx, options[tfexec.DestroyOption](s, a.varFiles)...); err != nil {
			s.t.Fatalf("destroy (in %s): %v", a.dir, err)
		}
		if left := s.resources(ctx, tf); len(left) > 0 {
			s.t.Errorf("destroy (in %s) left %s in the state", a.dir, strings.Join(left, ", "))
		}
	}
	var made []string
	for o := range s.objects() {
		if !s.before[o] {
			made = append(made, o)
		}
	}
	if len(made) > 0 {
		slices.Sort(made)
		s.t.Errorf("after destroy the emulator still holds %s, which the steps made", strings.Join(made, ", "))
	}
}

// managed: the emulator objects the states manage, each by one resource.
func (s *session) managed(ctx context.Context) map[string]bool {
	owner := map[string]string{}
	seen := map[string]bool{}
	for _, a := range s.applied {
		if seen[a.dir] {
			continue
		}
		seen[a.dir] = true
		st, err := s.tf(a.dir).Show(ctx)
		if err != nil {
			s.t.Fatalf("show (in %s): %v", a.dir, err)
		}
		for _, r := range stateResources(st) {
			id, _ := r.AttributeValues["id"].(string)
			if prev, dup := owner[id]; dup {
				s.t.Errorf("%s and %s both manage %s: one configuration, two resources", prev, r.Address, id)
			}
			owner[id] = r.Address
		}
	}
	out := map[string]bool{}
	for id := range owner {
		out[id] = true
	}
	return out
}

// resources: the addresses of the managed resources in tf's state.
func (s *session) resources(ctx context.Context, tf *tfexec.Terraform) []string {
	st, err := tf.Show(ctx)
	if err != nil {
		s.t.Fatalf("show: %v", err)
	}
	var out []string
	for _, r := range stateResources(st) {
		out = append(out, r.Address)
	}
	return out
}

// stateResources: the provider's managed resources in every module.
func stateResources(st *tfjson.State) []*tfjson.StateResource {
	if st == nil || st.Values == nil {
		return nil
	}
	var out []*tfjson.StateResource
	mods := []*tfjson.StateModule{st.Values.RootModule}
	for len(mods) > 0 {
		m := mods[0]
		mods = append(mods[1:], m.ChildModules...)
		for _, r := range m.Resources {
			if r.Mode == tfjson.ManagedResourceMode && strings.HasPrefix(r.Type, "tencentrtc_") {
				out = append(out, r)
			}
		}
	}
	return out
}

// objects: what the emulator holds, as resource IDs: <app>/<product> and
// <app>/live_token.
func (s *session) objects() map[string]bool {
	out := map[string]bool{}
	if s.srv == nil {
		return out
	}
	ctx, cancel := context.WithTimeout(s.t.Context(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.srv.URL+"/emulator/state", nil)
	if err != nil {
		s.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("GET /emulator/state: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var state struct {
		Apps []struct {
			SDKAppID  uint64                     `json:"sdkappid"`
			Configs   map[string]json.RawMessage `json:"configs"`
			LiveToken json.RawMessage            `json:"live_token"`
		} `json:"apps"`
	}
	if err := json.Unmarshal(body, &state); err != nil {
		s.t.Fatalf("GET /emulator/state: %v: %s", err, body)
	}
	for _, a := range state.Apps {
		for p := range a.Configs {
			out[fmt.Sprintf("%d/%s", a.SDKAppID, p)] = true
		}
		if len(a.LiveToken) > 0 && string(a.LiveToken) != "null" {
			out[fmt.Sprintf("%d/live_token", a.SDKAppID)] = true
		}
	}
	return out
}

func keys(m map[string]bool) string {
	if len(m) == 0 {
		return "nothing"
	}
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}
