# The ID is <sdk_app_id>/<product>.
terraform import tencentrtc_callback_config.call 1400000000/call

# <product> alone imports from the provider's default sdk_app_id.
terraform import tencentrtc_callback_config.live live
