# Terraform and OpenTofu 1.11 and later: a write-only token is sent to Tencent
# but never stored in the state or the plan. Bump token_wo_version to send a
# new value.
variable "live_callback_token" {
  description = "Token that signs Live callbacks (1 to 128 characters)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

resource "tencentrtc_live_callback_token" "this" {
  token_wo         = var.live_callback_token
  token_wo_version = 1
  enabled          = true
}
