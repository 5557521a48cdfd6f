"""The bridges to outside systems: OpenReview (export files and the API) and PMLR volume files, both ways."""
