# Terraform and OpenTofu 1.11 and later: a write-only token is sent to Tencent
# but never stored in the state or the plan. A new value of the variable plans
# one update that sends it (token_wo_version counts up by itself).
variable "live_callback_token" {
  description = "Token that signs Live callbacks (1 to 128 characters)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

resource "tencentrtc_live_callback_token" "this" {
  token_wo = var.live_callback_token
  enabled  = true
}
