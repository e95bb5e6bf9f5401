# Every callback configuration of every app the provider has credentials for.
# Write import blocks and resources for all of them, then import them:
#   terraform query -generate-config-out=generated.tf
#   terraform apply
# Keep one list block of this type when generating configuration: two blocks
# that find the same configuration write two resources for it.
list "tencentrtc_callback_config" "all" {
  provider = tencentrtc
  # Terraform returns at most 100 results unless limit says otherwise.
  limit = 1000

  # Or only some apps and products; each app needs credentials in the
  # provider configuration:
  # config {
  #   sdk_app_ids = [1400000000]
  #   products    = ["call", "live"]
  # }
}
