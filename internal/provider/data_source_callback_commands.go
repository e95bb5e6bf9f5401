package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// NewCallbackCommandsDataSource returns the tencentrtc_callback_commands data
// source. It reads the provider's built-in catalogue, the one that validates
// tencentrtc_callback_config, and needs no credentials.
func NewCallbackCommandsDataSource() datasource.DataSource {
	return &callbackCommandsDataSource{dataSourceBase{typeName: "_callback_commands"}}
}

type callbackCommandsDataSource struct {
	dataSourceBase
}

type callbackCommandsDataSourceModel struct {
	Product  types.String `tfsdk:"product"`
	Commands types.List   `tfsdk:"commands"`
	Names    types.Set    `tfsdk:"names"`
}

// callbackCommandAttrTypes is the object type of one element of `commands`.
var callbackCommandAttrTypes = map[string]attr.Type{
	"name":        types.StringType,
	"description": types.StringType,
}

func (d *callbackCommandsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the callback command words of a product, with a one-line description each, from the catalogue that " +
			"validates `tencentrtc_callback_config`. It calls no API and needs no credentials. " +
			"Subscribe to every event of a product with `callback_commands = data.tencentrtc_callback_commands.<name>.names`.",
		Attributes: map[string]schema.Attribute{
			"product": productArgument("whose command words to list"),
			"commands": schema.ListNestedAttribute{
				MarkdownDescription: "The command words of the product, in the catalogue's order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{
							MarkdownDescription: "The command word, as written in `callback_commands`.",
							Computed:            true,
						},
						"description": schema.StringAttribute{
							MarkdownDescription: "What the callback reports, in one line.",
							Computed:            true,
						},
					},
				},
			},
			"names": schema.SetAttribute{
				MarkdownDescription: "The current names of `commands`, ready for `callback_commands`: every event of the product once. " +
					"Older spellings that the catalogue accepts for compatibility (listed in `commands` with a note) are left out.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

func (d *callbackCommandsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model callbackCommandsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	product, err := catalog.ParseProduct(model.Product.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("product"), "Invalid Product", err.Error())
		return
	}
	commands, names, diags := callbackCommandValues(catalog.Commands(product))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	model.Commands = commands
	model.Names = names
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// productArgument is the product argument of a data source; what says what
// the product selects, e.g. "whose command words to list".
func productArgument(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The product " + what + ": " + productsMarkdown() + ".",
		Required:            true,
		Validators:          []validator.String{productValidator},
	}
}

// callbackCommandValues converts catalogue commands to the `commands` list and
// the `names` set.
func callbackCommandValues(commands []catalog.Command) (types.List, types.Set, diag.Diagnostics) {
	var diags diag.Diagnostics
	objectType := types.ObjectType{AttrTypes: callbackCommandAttrTypes}
	objects := make([]attr.Value, len(commands))
	names := make([]attr.Value, 0, len(commands))
	for i, c := range commands {
		object, d := types.ObjectValue(callbackCommandAttrTypes, map[string]attr.Value{
			"name":        types.StringValue(c.Name),
			"description": types.StringValue(c.Description),
		})
		diags.Append(d...)
		objects[i] = object
		if !c.IsAlias() {
			names = append(names, types.StringValue(c.Name))
		}
	}
	list, d := types.ListValue(objectType, objects)
	diags.Append(d...)
	set, d := types.SetValue(types.StringType, names)
	diags.Append(d...)
	return list, set, diags
}
