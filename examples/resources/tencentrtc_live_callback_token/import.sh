# The ID is <sdk_app_id>/live_token.
terraform import tencentrtc_live_callback_token.this 1400000000/live_token

# live_token alone imports from the provider's default sdk_app_id.
terraform import tencentrtc_live_callback_token.this live_token
