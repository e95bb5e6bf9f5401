package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

func TestCallbackConfigFromAPI(t *testing.T) {
	t.Parallel()
	got := callbackConfigFromAPI(1400000001, catalog.Live, client.CallbackConfig{
		URL:      "https://example.com/cb",
		Commands: []string{"Live.CallbackAfterDestroyRoom", "Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"},
	})
	want := callbackConfigModel{
		appIDModel:       appIDModel{ID: types.StringValue("1400000001/live"), SDKAppID: types.Int64Value(1400000001)},
		Product:          types.StringValue("live"),
		URL:              types.StringValue("https://example.com/cb"),
		CallbackCommands: stringSet("Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"),
	}
	if !got.ID.Equal(want.ID) || !got.SDKAppID.Equal(want.SDKAppID) || !got.Product.Equal(want.Product) ||
		!got.URL.Equal(want.URL) || !got.CallbackCommands.Equal(want.CallbackCommands) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}

	t.Run("order does not matter", func(t *testing.T) {
		t.Parallel()
		a := callbackConfigFromAPI(1, catalog.Call, client.CallbackConfig{URL: "u", Commands: []string{"b", "a"}})
		b := callbackConfigFromAPI(1, catalog.Call, client.CallbackConfig{URL: "u", Commands: []string{"a", "b"}})
		if !a.CallbackCommands.Equal(b.CallbackCommands) {
			t.Fatal("sets differ by order")
		}
	})
	t.Run("empty list is an empty set, not null", func(t *testing.T) {
		t.Parallel()
		m := callbackConfigFromAPI(1, catalog.Call, client.CallbackConfig{URL: "u"})
		if m.CallbackCommands.IsNull() || len(m.CallbackCommands.Elements()) != 0 {
			t.Fatalf("got %v", m.CallbackCommands)
		}
	})
}

func TestCallbackConfigToAPI(t *testing.T) {
	t.Parallel()
	m := callbackConfigModel{
		Product:          types.StringValue("callkit"),
		URL:              types.StringValue("https://example.com/cb"),
		CallbackCommands: stringSet("reject", "cancel", "normal_end"),
		appIDModel:       appIDModel{SDKAppID: types.Int64Unknown(), ID: types.StringUnknown()},
	}
	got, diags := m.toAPI(context.Background())
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := client.CallbackConfig{URL: "https://example.com/cb", Commands: []string{"cancel", "normal_end", "reject"}}
	if got.URL != want.URL || !slices.Equal(got.Commands, want.Commands) {
		t.Fatalf("got %+v, want %+v", got, want)
	}

	t.Run("round trip", func(t *testing.T) {
		t.Parallel()
		back := callbackConfigFromAPI(7, catalog.CallKit, got)
		if !back.CallbackCommands.Equal(m.CallbackCommands) || !back.URL.Equal(m.URL) {
			t.Fatalf("round trip changed the model: %+v", back)
		}
	})
}
