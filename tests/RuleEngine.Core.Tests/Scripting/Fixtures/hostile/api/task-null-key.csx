// expect runtime ArgumentException line 3
// kind: segmentation
CreateTask(null!, Now, "phone", "note", "because");
