# A sample value, so that this example applies on the local emulator. For a
# real app, delete this file and pass the token from a secret store:
#   export TF_VAR_live_callback_token="..."
# (a terraform.tfvars file takes precedence over TF_VAR_ variables).
live_callback_token = "sample-token-for-the-emulator"
