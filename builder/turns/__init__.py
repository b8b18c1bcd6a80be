"""The turns and parse stages: speaker labels found (the label grammar), turns cut, a cleaned body parsed into a document."""
