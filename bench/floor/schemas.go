package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	lschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/provider"
)

// The floor serves the real provider's schemas, asked for through the
// framework's own interfaces, so the two cannot drift apart. Only the
// resource schema loses its validators: they run once per resource on every
// plan, work the floor must not do. Plan modifiers stay (the real ones are
// the framework's RequiresReplace and UseStateForUnknown, which shape
// Terraform's plans), and so do the provider's and the list resource's
// validators, which run once per command.

func providerSchema(ctx context.Context) pschema.Schema {
	var resp fwprovider.SchemaResponse
	provider.New("floor")().Schema(ctx, fwprovider.SchemaRequest{}, &resp)
	return resp.Schema
}

func resourceSchema(ctx context.Context) rschema.Schema {
	var resp resource.SchemaResponse
	provider.NewCallbackConfigResource().Schema(ctx, resource.SchemaRequest{}, &resp)
	s := resp.Schema
	s.Attributes = make(map[string]rschema.Attribute, len(resp.Schema.Attributes))
	for name, a := range resp.Schema.Attributes {
		s.Attributes[name] = withoutValidators(a)
	}
	return s
}

// withoutValidators returns a without its validators, for the attribute
// types the callback configuration resource has.
func withoutValidators(a rschema.Attribute) rschema.Attribute {
	switch a := a.(type) {
	case rschema.StringAttribute:
		a.Validators = nil
		return a
	case rschema.Int64Attribute:
		a.Validators = nil
		return a
	case rschema.SetAttribute:
		a.Validators = nil
		return a
	}
	return a
}

func identitySchema(ctx context.Context) identityschema.Schema {
	var resp resource.IdentitySchemaResponse
	r := provider.NewCallbackConfigResource().(resource.ResourceWithIdentity) //nolint:forcetypeassert // schema_test.go serves it
	r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &resp)
	return resp.IdentitySchema
}

func listSchema(ctx context.Context) lschema.Schema {
	var resp list.ListResourceSchemaResponse
	provider.NewCallbackConfigListResource().ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &resp)
	return resp.Schema
}
