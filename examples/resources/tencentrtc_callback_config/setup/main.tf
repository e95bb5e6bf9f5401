# Stands in for configurations made in the console before Terraform managed
# them, so that the import blocks of the folder above have something to
# import. `make test` applies this folder first, then the folder above with
# one import-by-*.tf file at a time, and destroys both. Each import-by-*.tf
# file imports both configurations; since they differ from what the folder
# above declares, the apply that imports them also updates them.
resource "tencentrtc_callback_config" "existing" {
  for_each = {
    call = ["Call.CallbackAfterEndCall"]
    live = ["Live.CallbackAfterCreateRoom"]
  }

  product           = each.key
  url               = "https://console.example.com/trtc/${each.key}"
  callback_commands = each.value
}
