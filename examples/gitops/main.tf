provider "tencentrtc" {
  region     = var.region
  sdk_app_id = var.sdk_app_id
  apps = {
    for id, key in var.app_secret_keys : id => { secret_key = key }
  }
}

locals {
  # The events each product subscribes to, the same for every app.
  subscriptions = {
    call = [
      "Call.CallbackAfterStartCall",
      "Call.CallbackAfterEndCall",
      "Call.CallbackAfterMemberChanged",
    ]
    live = [
      "Live.CallbackAfterCreateRoom",
      "Live.CallbackAfterDestroyRoom",
      "Live.CallbackAfterMemberStateChanged",
      "Mic.CallbackAfterSeatInfoChanged",
    ]
    room = [
      "Room.CallbackAfterCreateRoom",
      "Room.CallbackAfterDestroyRoom",
      "Room.CallbackAfterMemberEnter",
      "Room.CallbackAfterMemberLeave",
    ]
  }

  # One entry per (app, product), keyed like the resource ID: "<sdk_app_id>/<product>".
  callback_configs = merge([
    for app_id, app in var.apps : {
      for product in app.products : "${app_id}/${product}" => {
        sdk_app_id = tonumber(app_id)
        product    = product
        url        = "${var.webhook_base_url}/${app.environment}/${product}"
        commands   = local.subscriptions[product]
      }
    }
  ]...)
}

resource "tencentrtc_callback_config" "this" {
  for_each = local.callback_configs

  sdk_app_id        = each.value.sdk_app_id
  product           = each.value.product
  url               = each.value.url
  callback_commands = each.value.commands
}

# Live callbacks of the default app are signed; the receiver checks Sign and
# RequestTime with the same token. Without var.live_callback_token the token
# is left alone.
resource "tencentrtc_live_callback_token" "default" {
  count = nonsensitive(var.live_callback_token != null) ? 1 : 0

  token   = var.live_callback_token
  enabled = true
}
