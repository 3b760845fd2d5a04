# Shared by every unit: the organisation's name, and the provider block Terragrunt writes into the
# module before it runs Terraform, whose default tags make both buckets release-use.
locals {
  org = "acme"
}

generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<EOF
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { purpose = "release" }
  }
}
EOF
}
