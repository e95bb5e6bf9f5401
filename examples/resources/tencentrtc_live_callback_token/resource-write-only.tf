# Terraform and OpenTofu 1.11 and later: a write-only token is sent to Tencent
# but never stored in the state or the plan. Bump token_wo_version to send a
# new value.
variable "live_callback_token_wo" {
  description = "Token that signs Live callbacks of app 1400000001."
  type        = string
  sensitive   = true
  ephemeral   = true
}

resource "tencentrtc_live_callback_token" "write_only" {
  sdk_app_id       = 1400000001
  token_wo         = var.live_callback_token_wo
  token_wo_version = 1
  enabled          = true
}
