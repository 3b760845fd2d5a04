include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "${get_parent_terragrunt_dir()}/../modules//release-bucket"
}

inputs = {
  name   = "${include.root.locals.org}-staging-cli-releases"
  public = false
}
