# Read configurations that another team or the console manages.
data "tencentrtc_callback_config" "live" {
  product = "live"
}

# sdk_app_id picks any app the provider has credentials for (its sdk_app_id
# or a key of its `apps` map).
data "tencentrtc_callback_config" "room" {
  sdk_app_id = 1400000000
  product    = "room"
}

output "live_callback_url" {
  value = data.tencentrtc_callback_config.live.url
}

output "room_callback_commands" {
  value = data.tencentrtc_callback_config.room.callback_commands
}
