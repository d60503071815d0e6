// expect runtime ArgumentException line 3
// kind: segmentation
CreateTask("k", Now, "", "note", "because");
