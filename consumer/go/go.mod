module example.com/cp

go 1.19
