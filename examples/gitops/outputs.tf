output "callback_urls" {
  description = "Callback URL per configuration, keyed by <sdk_app_id>/<product>."
  value       = { for id, c in tencentrtc_callback_config.this : id => c.url }
}

output "callback_commands" {
  description = "Subscribed command words per configuration."
  value       = { for id, c in tencentrtc_callback_config.this : id => sort(c.callback_commands) }
}

output "live_token_id" {
  description = "ID of the default app's Live callback token (never the token itself), or null when it is not managed."
  value       = one(tencentrtc_live_callback_token.default[*].id)
}
