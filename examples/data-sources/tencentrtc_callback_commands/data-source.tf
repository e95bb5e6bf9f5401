data "tencentrtc_callback_commands" "live" {
  product = "live"
}

# Every "after" hook of the Live room itself, without gift, group or follow
# events.
output "live_room_events" {
  value = sort([
    for name in data.tencentrtc_callback_commands.live.names : name
    if startswith(name, "Live.CallbackAfter")
  ])
}

# Command word => one-line description.
output "live_command_descriptions" {
  value = {
    for c in data.tencentrtc_callback_commands.live.commands : c.name => c.description
  }
}
