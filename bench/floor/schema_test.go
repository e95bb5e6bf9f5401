package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/provider"
)

// TestSchemasMatchProvider checks the floor's opening claim over the plugin
// protocol: the schemas it serves (taken from internal/provider in schemas.go,
// the resource's without validators) are, for its provider, every resource,
// resource identity and list resource it has, the real provider's in
// everything that shapes Terraform's work (types, nesting,
// required/optional/computed, sensitive, write-only, import requirements), so
// the wiring and the validator stripping change nothing else.
func TestSchemasMatchProvider(t *testing.T) {
	ctx := context.Background()
	floor := schemas(ctx, t, providerserver.NewProtocol6(newProvider())())
	prov := schemas(ctx, t, providerserver.NewProtocol6(provider.New("test")())())

	if diff := mapDiff(prov.provider, floor.provider); diff != "" {
		t.Errorf("provider schema differs (real vs floor):\n%s", diff)
	}
	compareEach(t, "resource", prov.resources, floor.resources)
	compareEach(t, "resource identity", prov.identities, floor.identities)
	compareEach(t, "list resource", prov.lists, floor.lists)
	if len(floor.resources) == 0 || len(floor.lists) == 0 || len(floor.identities) == 0 {
		t.Errorf("floor has %d resources, %d identities, %d list resources; want at least one each", len(floor.resources), len(floor.identities), len(floor.lists))
	}
}

// compareEach compares each of the floor's schemas of one kind with the real
// provider's schema of the same name, which must exist.
func compareEach(t *testing.T, kind string, prov, floor map[string]map[string]string) {
	t.Helper()
	for name, f := range floor {
		r, ok := prov[name]
		if !ok {
			t.Errorf("the floor has a %s %s that the real provider lacks", kind, name)
			continue
		}
		if diff := mapDiff(r, f); diff != "" {
			t.Errorf("%s %s schema differs (real vs floor):\n%s", kind, name, diff)
		}
	}
}

// flatSchemas holds each schema as attribute path → shape.
type flatSchemas struct {
	provider   map[string]string
	resources  map[string]map[string]string
	identities map[string]map[string]string
	lists      map[string]map[string]string
}

func schemas(ctx context.Context, t *testing.T, s tfprotov6.ProviderServer) flatSchemas {
	t.Helper()
	ps, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasError(ps.Diagnostics) {
		t.Fatalf("GetProviderSchema: %v %v", err, ps.Diagnostics)
	}
	ids, err := s.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || hasError(ids.Diagnostics) {
		t.Fatalf("GetResourceIdentitySchemas: %v %v", err, ids.Diagnostics)
	}
	out := flatSchemas{
		provider:   flatten(ps.Provider),
		resources:  map[string]map[string]string{},
		identities: map[string]map[string]string{},
		lists:      map[string]map[string]string{},
	}
	for name, r := range ps.ResourceSchemas {
		out.resources[name] = flatten(r)
	}
	for name, l := range ps.ListResourceSchemas {
		out.lists[name] = flatten(l)
	}
	for name, id := range ids.IdentitySchemas {
		m := map[string]string{}
		for _, a := range id.IdentityAttributes {
			m[a.Name] = fmt.Sprintf("%s required_for_import=%t optional_for_import=%t", a.Type, a.RequiredForImport, a.OptionalForImport)
		}
		out.identities[name] = m
	}
	return out
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func flatten(s *tfprotov6.Schema) map[string]string {
	out := map[string]string{}
	if s == nil || s.Block == nil {
		return out
	}
	flattenBlock(out, "", s.Block)
	return out
}

func flattenBlock(out map[string]string, prefix string, b *tfprotov6.SchemaBlock) {
	flattenAttributes(out, prefix, b.Attributes)
	for _, nb := range b.BlockTypes {
		out[prefix+nb.TypeName] = fmt.Sprintf("block %v min=%d max=%d", nb.Nesting, nb.MinItems, nb.MaxItems)
		flattenBlock(out, prefix+nb.TypeName+".", nb.Block)
	}
}

func flattenAttributes(out map[string]string, prefix string, attrs []*tfprotov6.SchemaAttribute) {
	for _, a := range attrs {
		typ := fmt.Sprint(a.Type)
		if a.NestedType != nil {
			typ = fmt.Sprintf("nested %v", a.NestedType.Nesting)
			flattenAttributes(out, prefix+a.Name+".", a.NestedType.Attributes)
		}
		out[prefix+a.Name] = fmt.Sprintf("%s required=%t optional=%t computed=%t sensitive=%t write_only=%t",
			typ, a.Required, a.Optional, a.Computed, a.Sensitive, a.WriteOnly)
	}
}

// mapDiff lists the keys whose values differ or that only one side has.
func mapDiff(want, got map[string]string) string {
	keys := slices.Sorted(maps.Keys(want))
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	var diff string
	for _, k := range keys {
		w, inWant := want[k]
		g, inGot := got[k]
		switch {
		case !inWant:
			diff += fmt.Sprintf("  %s: only in floor: %s\n", k, g)
		case !inGot:
			diff += fmt.Sprintf("  %s: missing from floor (real: %s)\n", k, w)
		case w != g:
			diff += fmt.Sprintf("  %s: real %s, floor %s\n", k, w, g)
		}
	}
	return diff
}
