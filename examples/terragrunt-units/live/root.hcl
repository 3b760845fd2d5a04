# Shared by every unit: the organisation's name and the tags that make the buckets release-use.
locals {
  org = "acme"
}

inputs = {
  tags = { purpose = "release" }
}
