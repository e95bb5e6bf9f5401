# The resource the import block in import.tf adopts.
variable "live_callback_token" {
  description = "Token that signs Live callbacks (1 to 128 characters)."
  type        = string
  sensitive   = true
}

resource "tencentrtc_live_callback_token" "this" {
  token   = var.live_callback_token
  enabled = true
}
