"""Form dialogs: new/edit client, new episode, discharge, preferences."""
