# Read a configuration that another team or the console manages.
data "tencentrtc_callback_config" "live" {
  product = "live"
}

data "tencentrtc_callback_config" "room" {
  sdk_app_id = 1400000001
  product    = "room"
}

output "live_callback_url" {
  value = data.tencentrtc_callback_config.live.url
}

output "room_callback_commands" {
  value = data.tencentrtc_callback_config.room.callback_commands
}
