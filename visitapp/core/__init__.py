"""What holds in every feature: errors, enums, identity, access, money, versioning. Imports no feature."""
