"""The published warehouse's life: publishing and rollback (publish.py), rejected reports'
records (rejections.py), quarantine (quarantine.py), and whether it is current (status.py)."""
