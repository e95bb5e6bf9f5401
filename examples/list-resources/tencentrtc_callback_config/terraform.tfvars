# Sample keys of the emulator command in terraform.tf. For real apps, delete
# this file and pass the keys from a secret store:
#   export TF_VAR_app_secret_keys='{"1400000001" = "...", "1400000002" = "..."}'
app_secret_keys = {
  "1400000001" = "key-1"
  "1400000002" = "key-2"
}
