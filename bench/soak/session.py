print("one short session")
