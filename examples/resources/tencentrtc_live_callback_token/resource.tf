variable "live_callback_token" {
  description = "Token that signs Live callbacks (1 to 128 characters)."
  type        = string
  sensitive   = true
}

# Tencent adds Sign and RequestTime to every Live callback once this token is
# enabled; the receiver checks them (see the documentation below).
resource "tencentrtc_live_callback_token" "this" {
  token   = var.live_callback_token
  enabled = true
}
